// Tencent Cloud API 3.0 signature TC3-HMAC-SHA256 (channels.md §4.2), for a POST with a JSON body
// signing content-type and host. `date` is the UTC date of the timestamp, which matters around
// midnight in Beijing.
import { createHash, createHmac } from 'node:crypto';

export const TC3 = 'TC3-HMAC-SHA256';
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Tc3Input {
  readonly secretId: string;
  readonly secretKey: string;
  /** `sms` for SMS; the official SDK derives it from the endpoint's first DNS label. */
  readonly service: string;
  readonly host: string;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  readonly payload: string;
}

export interface Tc3Signature {
  readonly authorization: string;
  readonly date: string;
  readonly hashedPayload: string;
  readonly hashedCanonicalRequest: string;
  readonly signature: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export function tc3Sign(i: Tc3Input): Tc3Signature {
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const hashedPayload = sha256(i.payload);
  const canonicalRequest = `POST\n/\n\ncontent-type:${TC3_CONTENT_TYPE}\nhost:${i.host}\n\ncontent-type;host\n${hashedPayload}`;
  const hashedCanonicalRequest = sha256(canonicalRequest);
  const scope = `${date}/${i.service}/tc3_request`;
  const stringToSign = `${TC3}\n${i.timestamp}\n${scope}\n${hashedCanonicalRequest}`;
  const kDate = hmac(`TC3${i.secretKey}`, date);
  const kService = hmac(kDate, i.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${TC3} Credential=${i.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
  return { authorization, date, hashedPayload, hashedCanonicalRequest, signature };
}
