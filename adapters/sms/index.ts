export { createSmsGatewayChannel, type SmsGatewayOptions } from './gateway-channel.js';
