import { Component, type ComponentChildren, type ComponentType } from 'preact';

// A component that renders again only when a prop changed (by reference): a big table whose data did
// not change in a frame costs nothing that frame. Preact's own memo lives in preact/compat, which
// would bring React compatibility along for one function.

export function pure<P extends object>(render: (props: P) => ComponentChildren): ComponentType<P> {
  return class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const keys = new Set([...Object.keys(this.props), ...Object.keys(next)]);
      for (const key of keys) if (key !== 'children' && (this.props as Record<string, unknown>)[key] !== (next as Record<string, unknown>)[key]) return true;
      return false;
    }
    override render(): ComponentChildren {
      return render(this.props);
    }
  };
}
