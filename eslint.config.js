import config from '@iserver/eslint-config';

export default config;
