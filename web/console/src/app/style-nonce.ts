// Some Ant Design internals (@rc-component's scrollbar measure and the modal's scroll locker) add
// <style> tags without the ConfigProvider's nonce, which a CSP without 'unsafe-inline' blocks.
// Every <style> our own scripts create gets the page's nonce instead; styles injected as markup
// (the XSS the policy is for) are parsed, never created here, and stay blocked.
export function nonceEveryCreatedStyle(nonce: string): void {
  const original: unknown = Object.getOwnPropertyDescriptor(Document.prototype, 'createElement')?.value;
  if (nonce === '' || typeof original !== 'function') return;
  Object.defineProperty(document, 'createElement', {
    configurable: true,
    writable: true,
    value: function createElement(this: Document, ...args: unknown[]): unknown {
      const element: unknown = Reflect.apply(original, this, args);
      if (element instanceof HTMLStyleElement) element.nonce = nonce;
      return element;
    },
  });
}
