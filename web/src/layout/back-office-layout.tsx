import { AppShell, Badge, Burger, Button, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser, useSession } from '../auth/session-provider.tsx';
import { BrandName } from '../components/brand-mark.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import { navEntries } from '../routes/route-table.ts';
import classes from './back-office-layout.module.css';

function isActive(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

/** The back-office frame: header (who is signed in, language, sign out), role-filtered navbar, content. */
export default function BackOfficeLayout() {
  const t = useT();
  const user = useCurrentUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    closeNav();
    // After a client-side navigation, move focus to the new content so keyboard and screen-reader
    // users start there, as they would after a full page load. Not on first render: focus stays at the top.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [pathname, closeNav]);

  async function onLogout() {
    await logout();
    void navigate('/login', { replace: true });
  }

  const roleLabel = t(`role.${user.role}`);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <a href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(navOpen ? 'shell.closeNavigation' : 'shell.openNavigation')}
              aria-expanded={navOpen}
              aria-controls="main-navigation"
            />
            <BrandName size="md" />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" visibleFrom="sm">
              <Text fw={600} size="sm">
                {user.displayName}
              </Text>
              <Badge variant="light" color="indigo" radius="sm" tt="none" size="lg" fw={600}>
                {roleLabel}
              </Badge>
            </Group>
            <LanguageSwitch />
            <Button variant="default" size="compact-sm" onClick={() => void onLogout()} visibleFrom="sm">
              {t('shell.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="main-navigation" p="sm" aria-label={t('shell.navigation')}>
        <Stack gap={4}>
          {navEntries(user.role).map((entry) => {
            const active = isActive(entry.path, pathname);
            return (
              <NavLink
                key={entry.path}
                component={Link}
                to={entry.path}
                label={t(entry.label)}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
              />
            );
          })}
        </Stack>
        {/* Phones have no room in the header for who is signed in and sign-out: they sit in the drawer. */}
        <Stack gap="xs" mt="auto" pt="md" hiddenFrom="sm" className={classes.navUser}>
          <div>
            <Text fw={600} size="sm">
              {user.displayName}
            </Text>
            <Text size="sm" c="dimmed">
              {roleLabel}
            </Text>
          </div>
          <Button variant="default" onClick={() => void onLogout()}>
            {t('shell.logout')}
          </Button>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        <Suspense
          fallback={
            <Center py="xl" role="status">
              <Loader aria-label={t('app.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
