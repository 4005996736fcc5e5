import { createSmsGatewayChannel } from '../../adapters/sms/index.js';
import type { SmsMessage, SmsNumber } from '../../src/outbound/index.js';
import { startFakeSmsGateway } from '../support/fake-sms-gateway.js';
import { describeOutboundContract } from './outbound.contract.js';

// SMS through the fake gateway on loopback. An SMS cannot be replaced once sent.
describeOutboundContract<SmsNumber, SmsMessage>('SMS (gateway)', async () => {
  const gateway = await startFakeSmsGateway({ token: 'hemlig' });
  let refuse = false;
  const channel = createSmsGatewayChannel({ url: gateway.url, token: 'hemlig', perSecond: 10 });
  const refusing = createSmsGatewayChannel({ url: gateway.url, perSecond: 10 });
  const address: SmsNumber = { kind: 'sms', phone: '+46701234567' };
  /** Fails the next request as told, then lets the rest through. */
  const failOnce = (failure: { status: 429 | 503; retryAfterSeconds?: number }): void => {
    let left = 1;
    gateway.configure({ failures: [{ rate: 1, ...failure }], random: () => (left-- > 0 ? 0 : 1) });
  };
  return {
    // Without the token the gateway answers 401: a refusal of this message, as any other 4xx.
    channel: {
      rateKeys: channel.rateKeys,
      send(to, message) {
        const sender = refuse ? refusing : channel;
        refuse = false;
        return sender.send(to, message);
      },
    },
    address,
    message: (n) => ({ text: `Driftinformation ${n}`, reference: `GBG-DRIFT-2026-1/publish-1/sms-${n}` }),
    accepted: () => gateway.messagesTo(address.phone).length,
    throttleNext: (seconds) => failOnce({ status: 429, retryAfterSeconds: seconds }),
    failPassingNext: () => failOnce({ status: 503 }),
    goneAddress: () => {
      gateway.goneNumbers.add('+46709999999');
      return { kind: 'sms', phone: '+46709999999' };
    },
    refuseNext: () => {
      refuse = true;
    },
    cannot: { replace: 'an SMS cannot be replaced once sent; a correction is a new SMS' },
    close: () => gateway.close(),
  };
});
