// The notice texts live with notices (email and SMS use them too); chat renderers import them from here.
export { noticeTexts, describeNotice, formatWindow } from '../notices/index.js';
