// 导出Excel: the dashboard's period as an .xlsx from GET /api/v1/stats/export (issue 4). Fetched rather than
// linked so a refusal shows the API's message in place instead of replacing the dashboard with a JSON page;
// the server audits the export before it sends the file.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { languageHeader, problemFromBody } from '../api/client.js';
import { useI18n } from '../app/i18n.js';

/** The file name the server gave (filename*, RFC 8187), or a plain one. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/iu.exec(disposition ?? '');
  if (m?.[1] === undefined) return fallback;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return fallback;
  }
}

export function ExportButton(props: { from: string; to: string }): ReactNode {
  const { pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/stats/export?from=${props.from}&to=${props.to}`, { credentials: 'same-origin', headers: { 'accept-language': languageHeader() } });
      if (!res.ok) {
        const err = problemFromBody(res.status, await res.json().catch(() => null));
        void message.error(`${err.title}：${err.detail}`);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res.headers.get('content-disposition'), `统计报表_${props.from}_${props.to}.xlsx`);
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked on the next turn: the click has handed the blob to the download by then.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch {
      void message.error(pick({ zh: '导出失败：无法连接服务器，请稍后重试。', en: 'Export failed: the server could not be reached.' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="stats-export">
      {pick({ zh: '导出Excel', en: 'Export to Excel' })}
    </Button>
  );
}
