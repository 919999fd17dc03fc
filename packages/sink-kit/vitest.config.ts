import { defineIserverProject } from '@iserver/vitest-config';

export default defineIserverProject();
