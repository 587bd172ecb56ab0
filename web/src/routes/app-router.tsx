import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, RouterProvider, useRouteError } from 'react-router-dom';
import { FullPageLoader, RequireAuth, UnavailablePanel } from '../auth/require-auth.tsx';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { BackHomePanel } from '../components/message-panel.tsx';
import { BackOfficeLayout, backOfficeRoutes, canAccess, type BackOfficeRoute } from './route-table.ts';

const LoginPage = lazy(() => import('../pages/login-page.tsx'));
const NotFoundPage = lazy(() => import('../pages/not-found-page.tsx'));

function Lazy({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Page />
    </Suspense>
  );
}

/** Renders a back-office page, or the "not allowed" panel when the user's role is not in its table entry. */
function RoleGate({ route }: { route: BackOfficeRoute }) {
  const user = useCurrentUser();
  if (!canAccess(route, user.role)) return <BackHomePanel title="forbidden.title" body="forbidden.body" back="forbidden.back" />;
  const Page = route.page;
  return <Page />;
}

/** A render error or a chunk that failed to load (typically after a deployment): offer a reload. */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <main>
      <UnavailablePanel onRetry={() => window.location.reload()} />
    </main>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <Lazy page={LoginPage} />, errorElement: <RouteError /> },
  {
    element: (
      <RequireAuth>
        <Lazy page={BackOfficeLayout} />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      ...backOfficeRoutes.map((route) => ({ path: route.path, element: <RoleGate route={route} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
