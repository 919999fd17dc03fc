import { describe, expect, it } from 'vitest';

import { snakeCase } from './snake-case.js';

describe('snakeCase', () => {
  it.each([
    ['RatingBox', 'rating_box'],
    ['HTTPServerConfig', 'http_server_config'],
    ['userIDValue', 'user_id_value'],
    ['URLPath', 'url_path'],
    ['maxRPS', 'max_rps'],
    ['Store_HeaderTopHat', 'store_header_top_hat'],
    ['PageViewed2', 'page_viewed2'],
    ['a1', 'a1'],
    ['_Private', 'private'],
    ['__x', 'x'],
    ['Foo', 'foo'],
    ['foo', 'foo'],
    ['callToAction', 'call_to_action'],
    ['CLASS', 'class'],
    ['_class', 'class'],
  ])('%s → %s', (name, snake) => {
    expect(snakeCase(name)).toBe(snake);
  });
});
