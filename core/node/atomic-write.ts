// Writing a file so that a failure part-way (a full disk, a crash, a killed process) leaves the old
// file as it was: the bytes go to a temporary file beside the target, are flushed to disk (fsync),
// and the temporary file is renamed over the target in one step. The CLI and the desktop app's main
// process both write through here.
//
// A rename replaces whatever sits at the path, so two things are taken care of explicitly:
// - a symbolic link is written through: the file it points at is replaced and the link stays;
// - an existing file keeps its permission bits (the temporary file is created with them).
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** Where the bytes for `path` really go, and the permission bits to give them. */
export interface WriteTarget {
  /** The file the rename replaces: `path` itself, or the file a symbolic link at `path` points at. */
  readonly file: string;
  /** The existing file's permission bits, or undefined for a new file (the process's umask applies). */
  readonly mode: number | undefined;
}

/** An fs-like error with a code, so callers describe it as they describe Node's own. */
function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Links followed before giving up, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40;

/**
 * Follows symbolic links at `path` (also a link whose target does not exist yet) and returns the file
 * to replace. Throws EISDIR for a folder, ENOTREGULAR for anything else that is not a plain file (a
 * FIFO, a device: renaming over those would not do what the user asked), EREADONLYFILE or EACCES for
 * a file we may not write.
 */
function resolveWriteTarget(path: string): WriteTarget {
  // `out/` names a folder even when there is none yet; never write a file called `out` instead.
  if (path.endsWith('/') || path.endsWith(sep)) throw fsError('EISDIR', `${path} names a folder`);
  let file = resolve(path);
  for (let links = 0; ; links++) {
    let stats;
    try {
      stats = lstatSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, mode: undefined };
      throw error;
    }
    if (stats.isSymbolicLink()) {
      if (links === MAX_LINKS) throw fsError('ELOOP', `too many symbolic links at ${path}`);
      file = resolve(dirname(file), readlinkSync(file));
      continue;
    }
    if (stats.isDirectory()) throw fsError('EISDIR', `${path} is a folder`);
    if (!stats.isFile()) throw fsError('ENOTREGULAR', `${path} is not a regular file`);
    // A file without write permission is one its owner meant to keep. A rename would replace it
    // anyway (only the folder's permission counts), so refuse here, as an editor does.
    const mode = stats.mode & 0o7777;
    if ((mode & 0o222) === 0) throw fsError('EREADONLYFILE', `${path} is read-only`);
    accessSync(file, constants.W_OK);
    return { file, mode };
  }
}

function temporaryPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

// O_EXCL: never write into a file someone else placed at the temporary name.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
const NEW_FILE_MODE = 0o666;

/** Flushes the folder's entry for the renamed file; not every file system allows it, so best effort. */
function syncFolderSync(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The data itself is already on disk; only the rename's durability is left to the system.
  }
}

/** Writes `contents` to `path` atomically (see the top of this file); throws Node's fs errors. */
export function writeFileAtomicSync(path: string, contents: string | Uint8Array): void {
  const target = resolveWriteTarget(path);
  const temporary = temporaryPathFor(target.file);
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, CREATE_NEW, target.mode ?? NEW_FILE_MODE);
    // The mode given to open is reduced by the umask; an existing file's bits are restored exactly.
    if (target.mode !== undefined) fchmodSync(fd, target.mode);
    for (let offset = 0; offset < bytes.byteLength;)
      offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target.file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created, or is already gone.
    }
    throw error;
  }
  syncFolderSync(dirname(target.file));
}

/**
 * The same as writeFileAtomicSync with the data written and flushed asynchronously, so the desktop
 * app's main process stays responsive while a large file goes to disk (the few metadata calls
 * around it, stat and the folder's fsync, stay synchronous).
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const target = resolveWriteTarget(path);
  const temporary = temporaryPathFor(target.file);
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  let handle;
  try {
    handle = await open(temporary, CREATE_NEW, target.mode ?? NEW_FILE_MODE);
    if (target.mode !== undefined) await handle.chmod(target.mode);
    for (let offset = 0; offset < bytes.byteLength;) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
      offset += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target.file);
  } catch (error) {
    await handle?.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  syncFolderSync(dirname(target.file));
}

/**
 * Checks, without touching the target, that writeFileAtomic(path) could succeed: the target is a
 * writable plain file or nothing (see resolveWriteTarget), its folder exists, and a file can be
 * created in it (not a read-only file system, not denied). Throws Node's fs errors (ENOENT for a
 * missing folder).
 */
export function probeWritable(path: string): WriteTarget {
  const target = resolveWriteTarget(path);
  const folder = dirname(target.file);
  if (!statSync(folder).isDirectory()) throw fsError('ENOTDIR', `${folder} is not a folder`);
  const temporary = temporaryPathFor(target.file);
  closeSync(openSync(temporary, CREATE_NEW, NEW_FILE_MODE));
  unlinkSync(temporary);
  return target;
}
