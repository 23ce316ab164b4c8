import type { Guid } from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { ensureHome, type HomePaths } from '../store/home.js';
import { parseClsid, validateEntry, type RegistryEntry } from './registry-entry.js';
import { corrupt, readStateFile, withFileLock, writeStateFile } from '../store/state-file.js';

const REGISTRY_VERSION = 1;

interface RegistryFile {
  version: number;
  handlers: Record<Guid, RegistryEntry>;
}

/** The class-ID registry persisted at <home>/registry.json: ISyncMgrRegister's store. */
export class Registry {
  constructor(private readonly home: HomePaths) {}

  /** The registry file, <home>/registry.json. */
  get path(): string {
    return this.home.registry;
  }

  /** Every entry, in registration order; HostError STATE_CORRUPT when the file is malformed. */
  async list(): Promise<RegistryEntry[]> {
    return Object.values((await this.read()).handlers);
  }

  /** The entry of a class ID (any GUID spelling), or a HostError saying how to register it. */
  async get(clsidText: string): Promise<RegistryEntry> {
    const clsid = parseClsid(clsidText);
    const entry = (await this.read()).handlers[clsid];
    if (!entry) {
      throw new HostError(
        'UNKNOWN_CLSID',
        `no handler is registered as {${clsid}} in ${this.path}: see \`syncmgr list\`, or register it with \`syncmgr register ${clsid} --name NAME -- COMMAND\``,
      );
    }
    return entry;
  }

  /**
   * Adds or replaces an entry; resolves to it with registeredAt set. The clsid must be spelled
   * canonically (lowercase, no braces: see parseClsid); a malformed entry throws HostError INVALID_ENTRY.
   */
  async register(entry: Omit<RegistryEntry, 'registeredAt'>): Promise<RegistryEntry> {
    const complete = validateEntry({ ...entry, registeredAt: new Date().toISOString() }, 'the new registry entry');
    await this.update((file) => {
      file.handlers[complete.clsid] = complete;
    });
    return complete;
  }

  /** Removes an entry; false when there was none. */
  async unregister(clsidText: string): Promise<boolean> {
    const clsid = parseClsid(clsidText);
    let removed = false;
    await this.update((file) => {
      removed = clsid in file.handlers;
      delete file.handlers[clsid];
    });
    return removed;
  }

  private async update(change: (file: RegistryFile) => void): Promise<void> {
    await ensureHome(this.home);
    await withFileLock(this.path, async () => {
      const file = await this.read();
      change(file);
      await writeStateFile(this.path, file);
    });
  }

  private async read(): Promise<RegistryFile> {
    const raw = await readStateFile(this.path);
    if (raw === undefined) return { version: REGISTRY_VERSION, handlers: {} };
    return this.parse(raw);
  }

  private parse(raw: unknown): RegistryFile {
    const file = raw as Partial<RegistryFile>;
    if (typeof raw !== 'object' || raw === null || file.version !== REGISTRY_VERSION) {
      throw corrupt(this.path, `expected {"version": ${REGISTRY_VERSION}, "handlers": {...}}`);
    }
    if (typeof file.handlers !== 'object' || file.handlers === null) throw corrupt(this.path, '"handlers" is not an object');
    for (const [clsid, entry] of Object.entries(file.handlers)) {
      try {
        validateEntry(entry, `handler ${clsid}`);
      } catch (error) {
        throw corrupt(this.path, (error as Error).message);
      }
      if (entry.clsid !== clsid) throw corrupt(this.path, `handler ${clsid} carries the class ID ${entry.clsid}`);
    }
    return file as RegistryFile;
  }
}
