// The panel's state: one object, replaced (never mutated) on every change, so a view re-renders exactly when what it
// reads changed. Small on purpose: the panel holds a handful of offers and tasks, not a cache of the contact centre.
import { useEffect, useState } from "preact/hooks";

type Listener = () => void;

export class Store<T> {
  private listeners = new Set<Listener>();
  constructor(private value: T) {}

  get current(): T {
    return this.value;
  }

  update(change: (value: T) => T) {
    const next = change(this.value);
    if (next !== this.value) {
      this.value = next;
      this.listeners.forEach((l) => l());
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Re-renders the component when the selected part of the store changes. */
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S {
  const [selected, setSelected] = useState(() => select(store.current));
  useEffect(() => {
    const check = () => setSelected(() => select(store.current));
    check();
    return store.subscribe(check);
  }, [store]);
  return selected;
}
