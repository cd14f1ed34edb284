import { useState } from 'react'

/**
 * Local state that follows `value` whenever it changes, and can run ahead of it meanwhile: a
 * control bound to the address bar shows the shopper's choice at once, before the router catches up.
 */
export function useMirror<T>(value: T): [T, (next: T) => void] {
  const [local, setLocal] = useState(value)
  const [seen, setSeen] = useState(value)
  if (!Object.is(seen, value)) {
    setSeen(value)
    setLocal(value)
  }
  return [local, setLocal]
}
