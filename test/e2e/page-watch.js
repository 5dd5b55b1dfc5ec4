// Runs in every console page before its own scripts (harness.ts): reports what the CSP blocks as
// console errors starting "CSP violation", which the harness collects and the suite expects none of.
/* global document, Element, console */
document.addEventListener('securitypolicyviolation', (e) => {
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
});
// A style attribute written by script is blocked too; this names the culprit with its stack.
const setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  if (String(name).toLowerCase() === 'style') console.error(`CSP violation: style attribute on ${this.tagName} at ${(new Error().stack ?? '').split('\n').slice(2, 6).join(' | ')}`);
  setAttribute.call(this, name, value);
};
