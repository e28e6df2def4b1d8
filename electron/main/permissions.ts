/**
 * The lab needs no browser permission (camera, notifications, geolocation, ...), so every request
 * and every check is denied, including device pickers.
 */
import type { Session } from 'electron';

export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}
