import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Suspense, useMemo, useState } from "react";
import { BrowserRouter, NavLink, Route, Routes } from "react-router";
import { WagmiProvider } from "wagmi";
import { type AppConfig, ConfigContext } from "../config.ts";
import { Loading } from "../ui/States.tsx";
import { wagmiConfig } from "../wallet/wagmi.ts";
import { AccountMenu } from "./AccountMenu.tsx";
import { ROUTES } from "./routes.ts";

/** The app: providers, the navigation and the pages. */
export function App({ config }: { config: AppConfig }) {
  const wagmi = useMemo(() => wagmiConfig(config), [config]);
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchInterval: 4_000, retry: 1, staleTime: 1_000 } } }),
  );
  return (
    <ConfigContext value={config}>
      <WagmiProvider config={wagmi}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Shell />
          </BrowserRouter>
        </QueryClientProvider>
      </WagmiProvider>
    </ConfigContext>
  );
}

function Shell() {
  const [open, setOpen] = useState(false);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <NavLink to="/" className="brand" aria-label="AIDAO home">
          AIDAO
        </NavLink>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <nav id="nav" aria-label="Main" className={open ? "open" : ""}>
          {ROUTES.filter((r) => r.nav).map((r) => (
            <NavLink key={r.path} to={r.path} end={r.path === "/"} onClick={() => setOpen(false)}>
              {r.nav}
            </NavLink>
          ))}
        </nav>
        <AccountMenu />
      </header>
      <main id="main">
        <Suspense fallback={<Loading what="Loading the page" />}>
          <Routes>
            {ROUTES.map(({ path, page: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <section className="card">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <NavLink to="/">Go to the overview</NavLink>.
      </p>
    </section>
  );
}
