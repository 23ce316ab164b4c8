import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The class IDs the demo registers its two samples under. */
export const FOLDER_SYNC_CLSID = 'a3b1c8e2-5d4f-4e6a-9b7c-1d2e3f405162';
export const TAR_SNAPSHOT_CLSID = 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

/** Where the demo keeps the folders it syncs, beside the registry in the home. */
export interface DemoLayout {
  samples: string;
  folderSyncConfig: string;
  tarSnapshotConfig: string;
}

const SAMPLE_FILES: Record<string, Record<string, string>> = {
  documents: {
    'notes.txt': 'Synchronization Manager, out of process.\n',
    'plans/2026.md': '# Plans\n- write a handler in any language\n',
  },
  pictures: {
    'holiday/beach.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n',
    'holiday/readme.txt': 'pictures that get archived and mirrored\n',
  },
};

/** Creates the sample folders (keeping what a user changed) and the two handlers' configs. */
export async function prepareDemoHome(home: string): Promise<DemoLayout> {
  const samples = path.join(home, 'samples');
  for (const [folder, files] of Object.entries(SAMPLE_FILES)) {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(samples, 'sources', folder, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
  }
  const layout: DemoLayout = {
    samples,
    folderSyncConfig: path.join(samples, 'folder-sync.json'),
    tarSnapshotConfig: path.join(samples, 'tar-snapshot.json'),
  };
  const pairs = Object.keys(SAMPLE_FILES).map((folder) => ({
    name: folder.charAt(0).toUpperCase() + folder.slice(1),
    source: `sources/${folder}`,
    target: `mirror/${folder}`,
  }));
  await writeFile(layout.folderSyncConfig, JSON.stringify({ pairs }, null, 2) + '\n');
  const folders = Object.keys(SAMPLE_FILES).map((folder) => ({ name: `${folder} snapshot`, path: `sources/${folder}` }));
  await mkdir(path.join(samples, 'archives'), { recursive: true });
  await writeFile(layout.tarSnapshotConfig, JSON.stringify({ archiveDir: 'archives', folders }, null, 2) + '\n');
  return layout;
}
