// A call's record handed from the screen pop to the registration form, in page memory only: the caller's
// number never goes to browser storage (DESIGN §7.1), and a reload starts a clean form.
import dayjs from 'dayjs';
import type { CallRegistration } from '../calls/call-types.js';
import type { RegistrationValues } from './registration-body.js';

let pending: { readonly callId: string; readonly values: RegistrationValues } | null = null;

export function prefillRegistration(call: CallRegistration): void {
  const { callerNumber, calledAt, callId } = call.channelDetails;
  const at = dayjs(calledAt ?? call.receivedAt ?? undefined);
  const values: RegistrationValues = {
    channel: call.channel,
    receivedAt: dayjs(call.receivedAt ?? undefined),
    // A withheld number leaves the caller fields for the clerk to ask and type.
    anonymity: callerNumber === null ? 'anonymous' : 'real_name',
    subjects: [],
    channelDetails: { ...(callerNumber === null ? {} : { callerNumber }), calledAt: at, callId },
    ...(callerNumber === null ? {} : { reporter: { phone: callerNumber } }),
  };
  pending = { callId, values };
}

/**
 * The call's values for the form opened for that call. Read, not taken: React may render a page more than
 * once before it shows; the values go when the call is registered or another call is handed over.
 */
export function registrationPrefill(callId: string | null): RegistrationValues | null {
  return callId !== null && pending?.callId === callId ? pending.values : null;
}

export function forgetRegistrationPrefill(): void {
  pending = null;
}
