// The part of npm `smpp` 0.5.1 (no types of its own) that we use. PDU fields are `unknown`:
// everything the SMSC sends is read through the narrowing helpers in smpp-pdu.ts.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export interface Pdu {
    readonly command: string;
    readonly command_status: number;
    readonly sequence_number: number;
    readonly [field: string]: unknown;
    response(options?: Record<string, unknown>): Pdu;
    isResponse(): boolean;
  }

  export type ResponseCallback = (pdu: Pdu) => void;

  export interface Session extends EventEmitter {
    send(pdu: Pdu, responseCallback?: ResponseCallback): boolean;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    enquire_link(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    unbind(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  export interface ConnectOptions {
    readonly host: string;
    readonly port: number;
    readonly tls?: boolean;
    readonly servername?: string;
  }

  interface SmppModule {
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(listener: (session: Session) => void): Server;
    readonly errors: Readonly<Record<string, number>>;
  }

  const smpp: SmppModule;
  export default smpp;
}
