import { useState } from "react";
import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../../test/render";
import type { PlanNode } from "../api/plans";
import { collapseAll, toggleFold } from "../model/tree";
import { PlanTree } from "./PlanTree";

const n = (id: string, kind: PlanNode["kind"], children: PlanNode[] = [], extra: Partial<PlanNode> = {}): PlanNode => ({
  id,
  kind,
  code: id,
  title: { es: `Título ${id}` },
  version: 1,
  children,
  ...extra,
});

const nodes: PlanNode[] = [
  n("1", "dimension", [
    n("1.2", "policy", [n("1.2.O", "objective", [n("1.2.a", "activity", [n("1.2.a.1", "sub_activity")], { status: "in_progress" })])]),
  ]),
];

function Harness() {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  return (
    <>
      <h2 id="t">Árbol</h2>
      <button type="button" onClick={() => setCollapsed(collapseAll(nodes))}>
        plegar todo
      </button>
      <PlanTree planId="p1" nodes={nodes} collapsed={collapsed} onToggle={(id) => setCollapsed((c) => toggleFold(c, id))} labelledBy="t" />
    </>
  );
}

describe("PlanTree", () => {
  it("shows codes, kinds, links and activity statuses", () => {
    renderWithProviders(<Harness />);
    expect(screen.getByText("1.2.a.1")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Título 1.2.a" })).toHaveAttribute("href", "/plans/p1/nodes/1.2.a");
    expect(screen.getByText("Subactividad")).toBeInTheDocument();
    expect(screen.getByText("En curso")).toBeInTheDocument();
    // A sub-activity without a status is planned.
    expect(screen.getByText("Planificada")).toBeInTheDocument();
  });

  it("folds and unfolds a node with a button that tells its state", async () => {
    renderWithProviders(<Harness />);
    const user = userEvent.setup();
    const toggle = screen.getByRole("button", { name: "Plegar 1.2.O" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(document.getElementById(toggle.getAttribute("aria-controls")!)).toContainElement(screen.getByText("1.2.a"));
    await user.click(toggle);
    expect(screen.queryByText("1.2.a")).not.toBeInTheDocument();
    const unfold = screen.getByRole("button", { name: "Desplegar 1.2.O" });
    expect(unfold).toHaveAttribute("aria-expanded", "false");
    expect(unfold).toHaveFocus();
    // Keyboard: Enter on the focused button unfolds again.
    await user.keyboard("{Enter}");
    expect(screen.getByText("1.2.a")).toBeInTheDocument();
  });

  it("collapses everything down to the roots", async () => {
    renderWithProviders(<Harness />);
    await userEvent.setup().click(screen.getByRole("button", { name: "plegar todo" }));
    const list = screen.getByRole("list", { name: "Árbol" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    expect(screen.getByText("1 elemento oculto")).toBeInTheDocument();
  });
});
