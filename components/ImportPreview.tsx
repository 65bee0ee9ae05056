import { useEffect, useRef, useState } from 'preact/hooks';
import { describeSettingChange } from '@/lib/backup/describe';
import type { ImportPreview } from '@/lib/backup/preview';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';

export interface ImportPreviewProps {
  t: OptionsTranslate;
  fileName: string;
  preview: ImportPreview;
  /** `replaceSettings`: the person ticked "Also replace my settings with the file's". */
  onConfirm: (replaceSettings: boolean) => void;
  onCancel: () => void;
}

/**
 * What a backup file would change, before anything is written: reviews added, cards
 * changed and each setting that differs, with Import and Cancel. The settings in use are
 * kept unless the person ticks the box.
 */
export function ImportPreviewBox({ t, fileName, preview, onConfirm, onCancel }: ImportPreviewProps) {
  const [replace, setReplace] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  // The question appears where the person is: keyboard and screen reader land on it.
  useEffect(() => title.current?.focus(), []);
  const changes = preview.settingsChanges;
  return (
    <div class="import-preview" role="group" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title" tabIndex={-1} ref={title}>
        {t('importPreviewTitle', { file: fileName })}
      </h3>
      <ul>
        <li>
          {t('importPreviewReviews', { added: preview.reviewsAdded, known: preview.reviewsAlreadyHere })}
        </li>
        <li>{t('importPreviewCards', { n: preview.cardsChanged })}</li>
      </ul>
      {changes.length > 0 ? (
        <>
          <p>{t('importPreviewSettings')}</p>
          <ul class="setting-changes">
            {changes.map((c) => (
              <li key={c.key} data-setting={c.key}>
                {describeSettingChange(c, t)}
              </li>
            ))}
          </ul>
          <label class="field check">
            <input
              type="checkbox"
              name="replaceSettings"
              checked={replace}
              onChange={(e) => setReplace(e.currentTarget.checked)}
            />
            <span>{t('importReplaceSettings')}</span>
          </label>
        </>
      ) : (
        <p>{t('importPreviewSameSettings')}</p>
      )}
      <div class="backup-actions">
        <button type="button" name="confirmImport" onClick={() => onConfirm(replace)}>
          {t('importConfirm')}
        </button>
        <button type="button" name="cancelImport" onClick={onCancel}>
          {t('importCancel')}
        </button>
      </div>
    </div>
  );
}
