import { useTranslation } from "react-i18next";
import { useUserNames } from "../../../lib/auth/people";
import { usePermission, useSession } from "../../../lib/auth/useAuth";
import { localized } from "../../../lib/i18n/format";
import { usePlanTrees, type Report } from "../api/reports";
import { findNode } from "../model/reportContext";

export interface ReportContext {
  /** The activity's title (empty while its plan is being read). */
  activityTitle: (r: Report) => string;
  /** The plan's title (empty while it is being read). */
  planTitle: (r: Report) => string;
  /** Who wrote the report: a person's name (for who may read users, or the author), a system's token, or someone. */
  author: (r: Report) => string;
}

/**
 * What the reports of a page say about themselves beyond codes and ids: their activity's and
 * plan's titles (each plan read once) and their authors' names (each person read once, for who
 * may read users). The report itself carries the activity's code and the author's id only.
 */
export function useReportContext(reports: readonly Report[], { titles = true }: { titles?: boolean } = {}): ReportContext {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const { user } = useSession();
  // A page that already shows the plan and the activity (an activity's reports) needs no titles.
  const trees = usePlanTrees(titles ? reports.map((r) => r.plan_id) : []);
  const names = useUserNames(
    reports.filter((r) => r.author_kind === "user" && r.author_id !== user?.id).map((r) => r.author_id),
    can("user:read"),
  );
  return {
    activityTitle: (r) => {
      const tree = trees.get(r.plan_id);
      const node = tree && findNode(tree.nodes, r.node_id);
      return node ? localized(node.title, lang) : "";
    },
    planTitle: (r) => {
      const tree = trees.get(r.plan_id);
      return tree ? localized(tree.title, lang) : "";
    },
    author: (r) => {
      if (r.author_kind === "token") return t("monitoring.authorToken");
      if (r.author_id && user && r.author_id === user.id) return t("monitoring.authorYou", { name: user.display_name });
      return (r.author_id && names.get(r.author_id)) || t("monitoring.authorUnknown");
    },
  };
}
