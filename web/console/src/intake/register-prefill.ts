// A call's record handed from the screen pop to the registration form, in page memory only: the caller's
// number never goes to browser storage (DESIGN §7.1), and a reload starts a clean form.
import dayjs from 'dayjs';
import type { CallRegistration } from '../calls/call-types.js';
import type { RegistrationValues } from './registration-body.js';

let pending: RegistrationValues | null = null;

export function prefillRegistration(call: CallRegistration): void {
  const { callerNumber, calledAt, callId } = call.channelDetails;
  const at = dayjs(calledAt ?? call.receivedAt ?? undefined);
  pending = {
    channel: call.channel,
    receivedAt: dayjs(call.receivedAt ?? undefined),
    // A withheld number leaves the caller fields for the clerk to ask and type.
    anonymity: callerNumber === null ? 'anonymous' : 'real_name',
    subjects: [],
    channelDetails: { ...(callerNumber === null ? {} : { callerNumber }), calledAt: at, callId },
    ...(callerNumber === null ? {} : { reporter: { phone: callerNumber } }),
  };
}

/** The prefill once: a second visit to the form starts from the draft again. */
export function takeRegistrationPrefill(): RegistrationValues | null {
  const values = pending;
  pending = null;
  return values;
}
