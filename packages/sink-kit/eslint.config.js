import { base, test } from '@iserver/eslint-config';

export default [...base, ...test];
