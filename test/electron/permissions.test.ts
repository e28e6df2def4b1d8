import { expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { session } from './helpers/fake-electron.ts';
import { denyAllPermissions } from '../../electron/main/permissions.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
  'denies a %s permission request and check',
  (permission) => {
    const target = session.defaultSession;
    denyAllPermissions(target as unknown as Session);
    const onRequest = target.setPermissionRequestHandler.mock.calls.at(-1)?.[0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const callback = vi.fn();
    onRequest({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);

    const onCheck = target.setPermissionCheckHandler.mock.calls.at(-1)?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(onCheck({}, permission, 'app://convlab', {})).toBe(false);
    const onDevice = target.setDevicePermissionHandler.mock.calls.at(-1)?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(onDevice({ deviceType: 'usb', origin: 'app://convlab' })).toBe(false);
  },
);
