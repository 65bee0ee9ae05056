import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/strings';
import { NOTE_MAX_LENGTH } from '@/lib/srs/card-state';

export interface CardToolsProps {
  t: Translate;
  /** A card is on screen (skip, bury, suspend, reset and note apply to it). */
  hasCard: boolean;
  /** The card on screen has been studied: a new card has nothing to reset. */
  canReset: boolean;
  canUndo: boolean;
  disabled: boolean;
  note: string;
  editingNote: boolean;
  onEditNote: (open: boolean) => void;
  onUndo: () => void;
  onSkip: () => void;
  onBury: () => void;
  onSuspend: () => void;
  onReset: () => void;
  /** Resolves true once the note is stored; the editor stays open (with the text) otherwise. */
  onSaveNote: (text: string) => Promise<boolean>;
}

/**
 * Everything besides rating: undo (U), skip (S), bury (B), suspend, reset, note (N).
 * Reset asks once more in place; the note is edited inline.
 */
export function CardTools(p: CardToolsProps) {
  const [confirmReset, setConfirmReset] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Focus follows what replaced it: the reset prompt.
  useEffect(() => {
    if (confirmReset) confirmButton.current?.focus();
  }, [confirmReset]);
  /** A tool button; `key` is its single-key shortcut, shown on it. */
  const tool = (label: string, onClick: () => void, key?: string, disabled = p.disabled) => (
    <button type="button" class="tool" disabled={disabled} onClick={onClick} aria-keyshortcuts={key}>
      {label}
      {key && (
        <>
          {' '}
          <kbd>{key}</kbd>
        </>
      )}
    </button>
  );
  return (
    <div class="card-tools">
      <div class="tool-row" role="group" aria-label={p.t('cardActions')}>
        {p.canUndo && tool(p.t('undo'), p.onUndo, 'U', false)}
        {p.hasCard && (
          <>
            {tool(p.t('skip'), p.onSkip, 'S')}
            {tool(p.t('bury'), p.onBury, 'B')}
            {tool(p.t('suspend'), p.onSuspend)}
            {!p.canReset ? null : confirmReset ? (
              <span class="confirm">
                {p.t('resetConfirm')}{' '}
                <button
                  type="button"
                  class="tool danger"
                  ref={confirmButton}
                  onClick={() => {
                    setConfirmReset(false);
                    p.onReset();
                  }}
                >
                  {p.t('reset')}
                </button>{' '}
                <button type="button" class="tool" onClick={() => setConfirmReset(false)}>
                  {p.t('cancel')}
                </button>
              </span>
            ) : (
              tool(`${p.t('reset')}…`, () => setConfirmReset(true))
            )}
            <button
              type="button"
              class="tool"
              disabled={p.disabled}
              aria-expanded={p.editingNote}
              onClick={() => p.onEditNote(!p.editingNote)}
              aria-keyshortcuts="N"
            >
              {p.t('note')} <kbd>N</kbd>
            </button>
          </>
        )}
      </div>
      {p.hasCard && p.editingNote && (
        <NoteEditor t={p.t} note={p.note} onSave={p.onSaveNote} onClose={() => p.onEditNote(false)} />
      )}
    </div>
  );
}

function NoteEditor({
  t,
  note,
  onSave,
  onClose,
}: {
  t: Translate;
  note: string;
  onSave: (text: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [text, setText] = useState(note);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const from = document.activeElement;
    area.current?.focus();
    // Closed, the focus goes back where it was: the Note button, or nowhere when N opened
    // the editor, so that after N … Ctrl+Enter, Space still reveals the answer.
    return () => {
      if (from instanceof HTMLElement && from !== document.body && from.isConnected) from.focus();
    };
  }, []);
  // Longer than a note may be (a paste, say): kept as it is, said, and not saved until shortened.
  const tooLong = text.length > NOTE_MAX_LENGTH;
  // Closes only once the note is stored: on a failure the text is still here to retry.
  const save = async () => {
    if (!tooLong && (await onSave(text))) onClose();
  };
  // Text typed here is not thrown away without asking.
  const close = () => {
    if (text === note || confirm(t('discardNote'))) onClose();
  };
  return (
    <form
      class="note-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label for="note-text">{t('noteLabel')}</label>
      <textarea
        id="note-text"
        ref={area}
        rows={3}
        value={text}
        aria-invalid={tooLong}
        aria-describedby="note-count"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
        }}
      />
      <div class="note-actions">
        <button type="submit" class="tool primary" disabled={tooLong}>
          {t('save')}
        </button>
        <button type="button" class="tool" onClick={close}>
          {t('cancel')}
        </button>
        <span id="note-count" class={tooLong ? 'error' : 'muted'}>
          {text.length} / {NOTE_MAX_LENGTH}
        </span>
      </div>
    </form>
  );
}
