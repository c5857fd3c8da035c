import { type ComponentType, lazy } from "react";

/** A page of the app: its path, its name in the navigation, and its code (loaded when first visited). */
export type PageRoute = { path: string; nav?: string; page: ComponentType };

// Each page is its own chunk: the first visit loads only the shell and the page it opens on.
export const ROUTES: PageRoute[] = [
  { path: "/", nav: "Overview", page: lazy(() => import("../pages/overview/OverviewPage.tsx")) },
  { path: "/stake", nav: "Stake", page: lazy(() => import("../pages/stake/StakePage.tsx")) },
  { path: "/proposals", nav: "Proposals", page: lazy(() => import("../pages/proposals/ProposalsPage.tsx")) },
  { path: "/proposals/:kind/:id", page: lazy(() => import("../pages/proposals/ProposalPage.tsx")) },
  { path: "/treasury", nav: "Treasury", page: lazy(() => import("../pages/treasury/TreasuryPage.tsx")) },
  { path: "/daos", nav: "DAOs", page: lazy(() => import("../pages/daos/DaosPage.tsx")) },
  { path: "/daos/:id", page: lazy(() => import("../pages/daos/DaoPage.tsx")) },
  { path: "/venture", nav: "Venture", page: lazy(() => import("../pages/venture/VenturePage.tsx")) },
  { path: "/models", nav: "Models", page: lazy(() => import("../pages/models/ModelsPage.tsx")) },
  { path: "/models/:id", page: lazy(() => import("../pages/models/ModelPage.tsx")) },
  { path: "/playground", nav: "Playground", page: lazy(() => import("../pages/playground/PlaygroundPage.tsx")) },
  { path: "/rewards", nav: "Rewards", page: lazy(() => import("../pages/rewards/RewardsPage.tsx")) },
  { path: "/badges", nav: "Badges", page: lazy(() => import("../pages/badges/BadgesPage.tsx")) },
];
