// One outbox handler per kind can be registered, and an acknowledgement row names its channel in
// payload.delivery: this handler hands each row to that channel's sender, and a row whose channel has no
// sender on this node waits (DeliveryDeferred) instead of failing.
import type { CodeDelivery } from '../domain/channels.js';
import { DeliveryDeferred, type OutboxHandler } from '../jobs/outbox-relay.js';

export function byDelivery(handlers: Partial<Record<CodeDelivery, OutboxHandler>>): OutboxHandler {
  return (message, ctx) => {
    const delivery = (message.payload as { delivery?: unknown }).delivery;
    const handler = typeof delivery === 'string' && Object.hasOwn(handlers, delivery) ? handlers[delivery as CodeDelivery] : undefined;
    if (handler === undefined) return Promise.reject(new DeliveryDeferred(`no sender for ${String(delivery)}`));
    return handler(message, ctx);
  };
}
