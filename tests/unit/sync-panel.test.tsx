import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SyncPanel, type SyncPanelProps } from '@/components/SyncPanel';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import type { Lang } from '@/lib/settings/model';
import { EMPTY_SYNC_STATUS, type SyncStatus } from '@/lib/sync/status';

// Local times (the unit tests run in Asia/Shanghai).
const NOW = new Date('2027-01-10T15:00').getTime();
const MINUTE = 60_000;

function show(status: Partial<SyncStatus>, over: Partial<SyncPanelProps> = {}, lang: Lang = 'en') {
  const onToggle = vi.fn<(on: boolean) => void>();
  const onDelete = vi.fn<SyncPanelProps['onDelete']>(() => Promise.resolve({ ok: true }));
  const { container } = render(
    <SyncPanel
      enabled
      status={{ ...EMPTY_SYNC_STATUS, ...status }}
      t={optionsTranslator(lang)}
      lang={lang}
      savedIn={null}
      now={NOW}
      onToggle={onToggle}
      onDelete={onDelete}
      {...over}
    />,
  );
  const statusLine = () => container.querySelector('.sync-status')!.textContent!;
  const result = () => container.querySelector('.sync-result')!.textContent!;
  return { onToggle, onDelete, statusLine, result, container };
}

describe('the sync section of the options page', () => {
  it('says when data was sent and received, the space used in KB and percent, and the other browsers', () => {
    const { statusLine } = show({
      sentAt: NOW - 2 * MINUTE,
      receivedAt: NOW - 10_000,
      bytes: 12_595,
      devices: 1,
    });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Sync');
    expect(statusLine()).toBe(
      'Last sent: 2 minutes ago · Last received: just now · 12.3 KB of 100 KB used (12%) · 1 other browser',
    );
    expect(screen.getByRole('checkbox', { name: 'Sync through the browser' })).toHaveProperty(
      'checked',
      true,
    );
  });

  it('says "never" when nothing was sent or received, and a day and time for older events', () => {
    const { statusLine } = show({ devices: 3 });
    expect(statusLine()).toBe(
      'Last sent: never · Last received: never · 0 KB of 100 KB used (0%) · 3 other browsers',
    );
    const older = show({ sentAt: new Date('2027-01-10T09:30').getTime() });
    expect(older.statusLine()).toContain('Last sent: today at 09:30 ·');
  });

  it('lists the refused data, the newer version, a full quota, fewer days kept and an error', () => {
    const { statusLine, container } = show({
      problems: ['Device "a1": event 3 has a rating of 7.', 'Device "b2": not valid JSON.'],
      newer: ['c3'],
      full: true,
      keepDays: 7,
      error: 'QUOTA_BYTES quota exceeded',
    });
    const items = [...container.querySelectorAll('.sync-problems li')].map((li) => li.textContent);
    expect(items).toEqual(['Device "a1": event 3 has a rating of 7.', 'Device "b2": not valid JSON.']);
    expect(statusLine()).toContain('Sync data ignored');
    expect(statusLine()).toContain('update the extension to read its data');
    expect(statusLine()).toContain('nothing was sent this time');
    expect(statusLine()).toContain('only the last 7 days of individual reviews');
    expect(statusLine()).toContain('Sync could not be reached: QUOTA_BYTES quota exceeded');
  });

  it('says nothing is sent or received when off, and when the data was deleted', () => {
    const { statusLine } = show(
      { sentAt: NOW - MINUTE, problems: ['old'], deletedAt: NOW - 5 * MINUTE },
      { enabled: false },
    );
    expect(statusLine()).toContain('Sync is off: nothing is sent or received.');
    expect(statusLine()).toContain('Deleted from sync: 5 minutes ago.');
    expect(statusLine()).not.toContain('Last sent');
    expect(statusLine()).not.toContain('old');
    expect(screen.getByRole('checkbox')).toHaveProperty('checked', false);
  });

  it('turns sync off with the switch and says "Saved" next to it', () => {
    const { onToggle } = show({}, { savedIn: 'sync' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sync through the browser' }));
    expect(onToggle).toHaveBeenCalledWith(false);
    expect(screen.getByText('Saved')).toBeTruthy();
  });

  it('deletes only after the person confirms, then says what happened', async () => {
    const { onDelete, result } = show({});
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data from sync' }));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByRole('group').textContent).toContain('for every browser signed in to this account?');
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(result()).toBe(
        'Deleted from sync. Sync is now off on this browser; your progress here is unchanged.',
      ),
    );
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('deletes nothing when cancelled', () => {
    const { onDelete, result } = show({});
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data from sync' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(result()).toBe('Nothing was deleted.');
  });

  it('shows why a delete failed', async () => {
    const onDelete = vi.fn(() =>
      Promise.resolve({ ok: false as const, message: 'No answer from the background.' }),
    );
    const { result } = show({}, { onDelete });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data from sync' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(result()).toBe('Nothing was deleted: No answer from the background.'));
  });

  it('speaks Chinese with full-width punctuation, the worker’s messages kept as they are', () => {
    const { container, statusLine } = show(
      { sentAt: NOW - 3 * MINUTE, bytes: 51_200, devices: 2, problems: ['Device "a1": not valid JSON.'] },
      {},
      'zh',
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('同步');
    expect(statusLine()).toContain(
      '上次发送：3分钟前 · 上次接收：从未 · 已用 50 KB / 100 KB（50%） · 另有 2 个浏览器',
    );
    expect(statusLine()).toContain('已忽略的同步数据（本地数据未改动）：');
    expect(container.querySelector('.sync-problems li')!.textContent).toBe('Device "a1": not valid JSON.');
    fireEvent.click(screen.getByRole('button', { name: '从同步中删除我的数据' }));
    // Chinese text outside the worker's own English message: no half-width mark next to a Chinese character.
    const text = container.textContent!.replace('Device "a1": not valid JSON.', '');
    expect(text).not.toMatch(/[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]/);
    expect(text).toContain('从同步中删除');
  });

  it('says in Chinese that sync is off', () => {
    const { statusLine } = show({}, { enabled: false }, 'zh');
    expect(statusLine()).toBe('同步已关闭：不发送也不接收任何数据。');
  });
});
