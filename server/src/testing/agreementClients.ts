import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { AgreementPublic, CreateAgreementBody } from '@ideasphere/shared';
import sharp from 'sharp';
import type { AccountClient } from './accountClients.js';

const run = promisify(execFile);

/** A Chinese cooperation agreement's create body, for `organisationId` and these signers. */
export function cooperationBody(organisationId: string, signers: string[], overrides: Partial<CreateAgreementBody> = {}): CreateAgreementBody {
  return {
    organisationId,
    kind: 'cooperation',
    language: 'zh',
    variables: {
      title: '低碳钢工艺合作协议',
      partyA: '华东钢铁研究院',
      partyB: '李雷团队',
      reward: '人民币 50,000 元',
      startDate: '2026-04-01',
      endDate: '2026-12-31',
      challengeTitle: '低碳炼钢挑战',
      proposalTitle: '氢基直接还原方案',
    },
    body: '甲方：华东钢铁研究院\n乙方：李雷团队\n\n第一条 合作内容\n乙方按照其方案“氢基直接还原方案”为甲方提供研发服务。\n\n第二条 报酬\n人民币 50,000 元。',
    signingOrder: 'sequential',
    signers: signers.map((email) => ({ email })),
    ...overrides,
  };
}

/** Creates and sends an agreement as `sender`; returns it as sent. */
export async function sentAgreement(sender: AccountClient, body: CreateAgreementBody): Promise<AgreementPublic> {
  const created = await sender.call<AgreementPublic>('POST', '/api/agreements', body);
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const sent = await sender.call<AgreementPublic>('POST', `/api/agreements/${created.body.id}/send`);
  if (sent.status !== 200) throw new Error(`send failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  return sent.body;
}

/** A drawn signature as a canvas would give it: a dark stroke on transparency, base64 PNG. */
export async function drawnSignaturePng(width = 600, height = 200): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="M20 150 C 120 20, 200 190, 300 80 S 480 40, 580 120" stroke="#1a237e" stroke-width="6" fill="none"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** Fetches a PDF with the client's cookie. */
export async function fetchPdf(client: AccountClient, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${client.base}${path}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** `pdfsig`'s report of a PDF (poppler-utils), whatever its exit code. */
export async function pdfsig(bytes: Uint8Array, file: string): Promise<string> {
  await writeFile(file, bytes);
  try {
    return (await run('pdfsig', [file])).stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
}

/** The text of a PDF, as `pdftotext` extracts it. */
export async function pdfText(bytes: Uint8Array, file: string): Promise<string> {
  await writeFile(file, bytes);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
}

/**
 * The same PDF with one byte changed inside the first signed byte range, where it keeps the
 * file readable: a hex digit of the Info dictionary's /Creator string.
 */
export function withOneByteChanged(pdf: Uint8Array): Buffer {
  const changed = Buffer.from(pdf);
  const at = changed.indexOf('/Creator <FEFF') + '/Creator <FEFF'.length + 3;
  if (at < 20) throw new Error('no /Creator string to change');
  changed[at] = changed[at] === 0x39 ? 0x38 : 0x39;
  return changed;
}
