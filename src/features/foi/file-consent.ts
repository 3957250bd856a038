/**
 * Sending a file in a Teams personal chat: the bot offers it with a file consent card; when
 * the person allows it, Teams gives an upload URL in their OneDrive, the bot PUTs the bytes
 * there and then shows the file with a file info card.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Attachment } from 'botbuilder';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/** What Teams sends back in `uploadInfo` when the person allows the file. */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

/** The card asking to save `name` to the person's OneDrive; `context` comes back on accept or decline. */
export function fileConsentCard(name: string, description: string, sizeInBytes: number, context: Record<string, unknown>): Attachment {
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name,
    content: { description, sizeInBytes, acceptContext: context, declineContext: context }
  };
}

/** The card that shows the uploaded file in the chat. */
export function fileInfoCard(upload: UploadInfo): Attachment {
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType }
  };
}

/** Reads `uploadInfo` from a file consent response; undefined when a field is missing. */
export function uploadInfoOf(value: unknown): UploadInfo | undefined {
  const info = (value as { uploadInfo?: Record<string, unknown> } | undefined)?.uploadInfo;
  if (!info) return undefined;
  const fields = ['name', 'uploadUrl', 'contentUrl', 'uniqueId', 'fileType'] as const;
  if (!fields.every((field) => typeof info[field] === 'string')) return undefined;
  return info as unknown as UploadInfo;
}

/**
 * PUTs the file to the upload URL Teams gave, in one request (Teams accepts up to 4 MB so).
 * Uses node's own http(s) client so no process-wide fetch dispatcher can change the request.
 * @param requireHttps true with real Teams credentials: an upload URL is always https there.
 * @throws Error naming the HTTP status when the upload is refused.
 */
export async function uploadFile(upload: UploadInfo, bytes: Buffer, requireHttps: boolean): Promise<void> {
  const url = new URL(upload.uploadUrl);
  if (url.protocol !== 'https:' && (requireHttps || url.protocol !== 'http:')) throw new Error('foi: the upload URL is not https');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const status = await new Promise<number>((resolve, reject) => {
    const request = send(
      url,
      { method: 'PUT', headers: { 'Content-Length': bytes.length, 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }
    );
    request.setTimeout(30_000, () => request.destroy(new Error('foi: the upload timed out')));
    request.on('error', reject);
    request.write(bytes);
    request.end();
  });
  if (status < 200 || status >= 300) throw new Error(`foi: the upload was refused with HTTP ${status}`);
}
