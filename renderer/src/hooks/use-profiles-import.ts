import { useEffect, useRef, useState } from 'react';
import { skylift } from '../api/client';
import type { ImportPreview, ProfileSummary } from '../../../shared/contract';
import { describeError, type ErrorDescription } from '../components/describe-error';

export type ImportMode = 'link' | 'copy';

interface SharedFiles {
  configFile?: string;
  credentialsFile?: string;
}

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/**
 * Import from the AWS shared config and credentials files: preview what they hold (the server's
 * default paths when the inputs are empty), choose profiles, then import them from the very files
 * previewed, so a path edited after the preview cannot import something unseen.
 */
export function useProfileImport(onImported: (profiles: ProfileSummary[]) => void) {
  const [configFile, setConfigFile] = useState('');
  const [credentialsFile, setCredentialsFile] = useState('');
  const [preview, setPreview] = useState<{ files: SharedFiles; result: ImportPreview } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<ImportMode>('link');
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<{ action: 'preview' | 'import'; error: ErrorDescription } | null>(null);

  const runPreview = async () => {
    if (busy) return;
    const files = { configFile: optional(configFile), credentialsFile: optional(credentialsFile) };
    setBusy('preview');
    setError(null);
    try {
      const result = await skylift.api.profiles.importPreview(files);
      setPreview({ files, result });
      const importable = new Set(result.candidates.filter((c) => !c.alreadyImported).map((c) => c.name));
      setSelected((previous) => new Set([...previous].filter((name) => importable.has(name))));
    } catch (failure) {
      setPreview(null);
      setError({ action: 'preview', error: describeError(failure) });
    } finally {
      setBusy(null);
    }
  };

  // Show what the default files hold as soon as the import opens (once, even under StrictMode).
  const previewed = useRef(false);
  useEffect(() => {
    if (previewed.current) return;
    previewed.current = true;
    void runPreview();
  }, []);

  const toggle = (name: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  const importSelected = async () => {
    if (busy || !preview || selected.size === 0) return;
    setBusy('import');
    setError(null);
    try {
      onImported(await skylift.api.profiles.import({ ...preview.files, names: [...selected], mode }));
    } catch (failure) {
      setError({ action: 'import', error: describeError(failure) });
    } finally {
      setBusy(null);
    }
  };

  return {
    configFile,
    setConfigFile,
    credentialsFile,
    setCredentialsFile,
    preview: preview?.result ?? null,
    selected,
    toggle,
    mode,
    setMode,
    busy,
    error,
    runPreview,
    importSelected,
  };
}

export type ProfileImport = ReturnType<typeof useProfileImport>;
