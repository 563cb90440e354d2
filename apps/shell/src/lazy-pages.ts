import { lazy } from 'react';

/**
 * Pages a signed-in member's first load does not need load on demand: the first-load budget (≤ 170 KB gz
 * for the shell and the activities remote, docs/adr/0009) goes to what shows the month list.
 */
export const SignInPage = lazy(() => import('./session/sign-in-page.js').then((m) => ({ default: m.SignInPage })));
export const ChangePasswordPage = lazy(() => import('./session/change-password-page.js').then((m) => ({ default: m.ChangePasswordPage })));
export const AnalystPage = lazy(() => import('./pages/analyst-page.js').then((m) => ({ default: m.AnalystPage })));
export const NotFound = lazy(() => import('./pages/not-found.js').then((m) => ({ default: m.NotFound })));
export const NotificationsPage = lazy(() => import('./notifications/notifications-page.js').then((m) => ({ default: m.NotificationsPage })));
