import { base, core, test } from '@iserver/eslint-config';

export default [...base, ...core, ...test];
