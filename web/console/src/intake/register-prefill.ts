// A call's record handed from the screen pop to the registration form, in page memory only: the caller's
// number never goes to browser storage (DESIGN §7.1), and a reload starts a clean form.
import dayjs from 'dayjs';
import type { CallRegistration } from '../calls/call-types.js';
import type { RegistrationValues } from './registration-body.js';

let pending: RegistrationValues | null = null;

export function prefillRegistration(call: CallRegistration): void {
  pending = {
    channel: call.channel,
    receivedAt: dayjs(call.receivedAt),
    anonymity: 'real_name',
    subjects: [],
    channelDetails: { callerNumber: call.channelDetails.callerNumber, calledAt: dayjs(call.channelDetails.calledAt), callId: call.channelDetails.callId },
    reporter: { phone: call.channelDetails.callerNumber },
  };
}

/** The prefill once: a second visit to the form starts from the draft again. */
export function takeRegistrationPrefill(): RegistrationValues | null {
  const values = pending;
  pending = null;
  return values;
}
