// A multipart/form-data body as the portal sends a report: the JSON field `report` and `files`.
export interface UploadFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

export function multipartReport(report: unknown, files: readonly UploadFile[]): { payload: Buffer; contentType: string } {
  return multipartForm('report', report === undefined ? undefined : JSON.stringify(report), files);
}

/** The same with the JSON in the field `field` (`message` for information added to a case); a string goes as it is. */
export function multipartForm(field: string, json: unknown, files: readonly UploadFile[]): { payload: Buffer; contentType: string } {
  const boundary = `----zt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (json !== undefined) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${typeof json === 'string' ? json : JSON.stringify(json)}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
