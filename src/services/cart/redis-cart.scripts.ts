/**
 * The Redis cart store's atomic steps, as Lua scripts (Redis runs each alone, so nothing
 * interleaves). A cart is one hash: `id`, `customer` (empty for a guest), `updated` (ms), and per
 * line `q:<variantId>` (quantity) and `t:<variantId>` (when it was added, ms), and while a checkout
 * holds it `checkout` (the order id) and `checkout_until` (ms). Every write sets `updated` and the
 * key's expiry. Scripts that return a cart answer `{'ok', <HGETALL>...}`.
 */

/** Lua: drops the hold of order ARGV[n] on cart KEYS[1], if it is that order's. */
const RELEASE_HOLD = (arg: string) => `
if redis.call('HGET', KEYS[1], 'checkout') == ${arg} then redis.call('HDEL', KEYS[1], 'checkout', 'checkout_until') end`

/** KEYS: cart. ARGV: order id, now, hold ms, ttl. {'empty'}, {'held', order id} or the cart. */
export const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'empty'} end
local holder = redis.call('HGET', KEYS[1], 'checkout')
local until_ms = tonumber(redis.call('HGET', KEYS[1], 'checkout_until') or '0')
if holder and holder ~= ARGV[1] and until_ms > tonumber(ARGV[2]) then return {'held', holder} end
local all = redis.call('HGETALL', KEYS[1])
local lines = false
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'q:' then lines = true break end
end
if not lines then return {'empty'} end
redis.call('HSET', KEYS[1], 'checkout', ARGV[1], 'checkout_until', tostring(tonumber(ARGV[2]) + tonumber(ARGV[3])), 'updated', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
all = redis.call('HGETALL', KEYS[1])
table.insert(all, 1, 'ok')
return all
`

/** KEYS: cart. ARGV: order id. */
export const RELEASE = `${RELEASE_HOLD('ARGV[1]')}
return 'ok'
`

/** KEYS: cart. ARGV: create (1/0), new id, customer id, variant, quantity, limit, now, ttl. */
export const ADD_LINE = `
local exists = redis.call('EXISTS', KEYS[1]) == 1
if not exists and ARGV[1] ~= '1' then return {'missing'} end
local field = 'q:' .. ARGV[4]
local current = tonumber(redis.call('HGET', KEYS[1], field) or '0')
local wanted = current + tonumber(ARGV[5])
if wanted > tonumber(ARGV[6]) then return {'refused', tostring(current)} end
if not exists then redis.call('HSET', KEYS[1], 'id', ARGV[2], 'customer', ARGV[3]) end
redis.call('HSET', KEYS[1], field, tostring(wanted), 'updated', ARGV[7])
redis.call('HSETNX', KEYS[1], 't:' .. ARGV[4], ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[8])
local all = redis.call('HGETALL', KEYS[1])
table.insert(all, 1, 'ok')
return all
`

/** KEYS: cart. ARGV: variant, quantity (0 removes), now, ttl. 'missing' when the cart or the line is not there. */
export const SET_LINE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local field = 'q:' .. ARGV[1]
if redis.call('HEXISTS', KEYS[1], field) == 0 then return {'missing'} end
if ARGV[2] == '0' then
  redis.call('HDEL', KEYS[1], field, 't:' .. ARGV[1])
else
  redis.call('HSET', KEYS[1], field, ARGV[2])
end
redis.call('HSET', KEYS[1], 'updated', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
table.insert(all, 1, 'ok')
return all
`

/** KEYS: cart. ARGV: variant, now, ttl. 'missing' when there is no cart. */
export const REMOVE_LINE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
if redis.call('HDEL', KEYS[1], 'q:' .. ARGV[1], 't:' .. ARGV[1]) > 0 then
  redis.call('HSET', KEYS[1], 'updated', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local all = redis.call('HGETALL', KEYS[1])
table.insert(all, 1, 'ok')
return all
`

/**
 * KEYS: guest cart, customer cart. ARGV: new id, customer id, now, ttl, then variant/cap pairs.
 * 'nothing' when the guest cart is gone; {'caps_needed', variants...} when a cap is missing.
 */
export const MERGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'nothing'} end
local caps = {}
for i = 5, #ARGV, 2 do caps[ARGV[i]] = tonumber(ARGV[i + 1]) end
local guest = redis.call('HGETALL', KEYS[1])
local lines = {}
local missing = {}
for i = 1, #guest, 2 do
  local f = guest[i]
  if string.sub(f, 1, 2) == 'q:' then
    local v = string.sub(f, 3)
    if caps[v] == nil then
      missing[#missing + 1] = v
    else
      lines[#lines + 1] = { v, tonumber(guest[i + 1]) }
    end
  end
end
if #missing > 0 then
  table.insert(missing, 1, 'caps_needed')
  return missing
end
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('HSET', KEYS[2], 'id', ARGV[1], 'customer', ARGV[2]) end
for _, line in ipairs(lines) do
  local v, q = line[1], line[2]
  local existing = tonumber(redis.call('HGET', KEYS[2], 'q:' .. v) or '0')
  local final = math.max(existing, math.min(existing + q, caps[v]))
  if final > 0 then
    redis.call('HSET', KEYS[2], 'q:' .. v, tostring(final))
    redis.call('HSETNX', KEYS[2], 't:' .. v, redis.call('HGET', KEYS[1], 't:' .. v) or ARGV[3])
  end
end
redis.call('HSET', KEYS[2], 'updated', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('DEL', KEYS[1])
local all = redis.call('HGETALL', KEYS[2])
table.insert(all, 1, 'ok')
return all
`

/**
 * KEYS: customer cart, the customer's order effects. ARGV: order id, now, ttl, then variant/quantity
 * pairs. Once per order, and not after the order's cancellation was applied.
 */
export const REMOVE_ORDERED = `
if redis.call('HSETNX', KEYS[2], 'confirmed:' .. ARGV[1], ARGV[2]) == 0 then return 'skipped' end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if redis.call('HEXISTS', KEYS[2], 'cancelled:' .. ARGV[1]) == 1 then return 'skipped' end
if redis.call('EXISTS', KEYS[1]) == 0 then return 'no_cart' end${RELEASE_HOLD('ARGV[1]')}
for i = 4, #ARGV, 2 do
  local field = 'q:' .. ARGV[i]
  local current = tonumber(redis.call('HGET', KEYS[1], field) or '0')
  local ordered = tonumber(ARGV[i + 1])
  if current > 0 then
    if current <= ordered then
      redis.call('HDEL', KEYS[1], field, 't:' .. ARGV[i])
    else
      redis.call('HSET', KEYS[1], field, tostring(current - ordered))
    end
  end
end
redis.call('HSET', KEYS[1], 'updated', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 'applied'
`

/** KEYS: customer cart, the customer's order effects. ARGV: order id, new id, customer id, now, ttl, then variant/quantity pairs. Once per order. */
export const RESTORE_ORDERED = `
if redis.call('HSETNX', KEYS[2], 'cancelled:' .. ARGV[1], ARGV[4]) == 0 then return 'skipped' end
redis.call('PEXPIRE', KEYS[2], ARGV[5])
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'id', ARGV[2], 'customer', ARGV[3]) end${RELEASE_HOLD('ARGV[1]')}
for i = 6, #ARGV, 2 do
  local field = 'q:' .. ARGV[i]
  local current = tonumber(redis.call('HGET', KEYS[1], field) or '0')
  local ordered = tonumber(ARGV[i + 1])
  if ordered > current then
    redis.call('HSET', KEYS[1], field, tostring(ordered))
    redis.call('HSETNX', KEYS[1], 't:' .. ARGV[i], ARGV[4])
  end
end
redis.call('HSET', KEYS[1], 'updated', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 'applied'
`
