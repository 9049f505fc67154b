import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./lib/i18n";
import "./styles.css";
import { Providers } from "./app/providers";
import { App } from "./app/routes";
import { getSessionState, restoreSession } from "./lib/auth/session";
import { changeLanguage } from "./lib/i18n";
import { isLanguage } from "./lib/i18n/language";

// A reload keeps the user signed in (the refresh token is in localStorage), in the language of
// their profile.
void restoreSession().then(() => {
  const user = getSessionState().user;
  if (user && isLanguage(user.language)) void changeLanguage(user.language);
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);
