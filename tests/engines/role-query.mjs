// Finds an element the way a visitor (or an assistive technology) names it:
// by its ARIA role and accessible name, among the visible elements. These
// functions run inside the page (their source is sent by the drivers), so
// they must not use anything from outside their own bodies.
//
// query: { role, name?, within? } where name is a string (matched exactly
// after collapsing whitespace) or { source, flags } (a RegExp), and within is
// another query for the container to search in.

// The element, or null when none matches; throws when several do.
export function findByRole(query) {
  const collapse = (text) => String(text || '').replace(/\s+/g, ' ').trim();
  const isHidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e.hidden || e.inert || e.getAttribute('aria-hidden') === 'true') return true;
    }
    return el.getClientRects().length === 0 || getComputedStyle(el).visibility !== 'visible';
  };
  const implicitRole = (el, name) => {
    const tag = el.tagName;
    if (tag === 'BUTTON' || tag === 'SUMMARY') return 'button';
    if (tag === 'INPUT') {
      const type = el.type;
      if (type === 'button' || type === 'submit' || type === 'reset') return 'button';
      return type === 'checkbox' ? 'checkbox' : type === 'radio' ? 'radio' : 'textbox';
    }
    if (tag === 'A') return el.hasAttribute('href') ? 'link' : null;
    if (tag === 'DIALOG') return 'dialog';
    if (tag === 'SECTION') return name ? 'region' : null;
    if (tag === 'FIELDSET') return 'group';
    if (/^H[1-6]$/.test(tag)) return 'heading';
    if (tag === 'FOOTER') return el.parentElement.closest('article, aside, main, nav, section') ? null : 'contentinfo';
    if (tag === 'MAIN') return 'main';
    if (tag === 'NAV') return 'navigation';
    return null;
  };
  const NAMED_FROM_CONTENT = new Set(['button', 'link', 'heading', 'switch', 'checkbox', 'radio', 'tab', 'menuitem', 'option']);
  const textOf = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.getAttribute('aria-hidden') === 'true' || getComputedStyle(node).display === 'none') return '';
    if (node.hasAttribute('aria-label')) return ' ' + node.getAttribute('aria-label') + ' ';
    if (node.tagName === 'IMG') return node.alt || '';
    return [...node.childNodes].map(textOf).join('') + (getComputedStyle(node).display === 'inline' ? '' : ' ');
  };
  const nameOf = (el, role) => {
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      const labelled = ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
      const text = collapse(labelled.map(textOf).join(' '));
      if (text) return text;
    }
    if (collapse(el.getAttribute('aria-label'))) return collapse(el.getAttribute('aria-label'));
    if (el.labels && el.labels.length) return collapse([...el.labels].map(textOf).join(' '));
    if (NAMED_FROM_CONTENT.has(role)) return collapse([...el.childNodes].map(textOf).join(''));
    return collapse(el.getAttribute('title'));
  };
  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (explicit) return explicit;
    // A section is a region only when it has a name.
    return implicitRole(el, el.tagName === 'SECTION' ? nameOf(el, 'region') : '');
  };
  const nameMatches = (name, wanted) => {
    if (wanted === undefined) return true;
    if (typeof wanted === 'string') return name === collapse(wanted);
    return new RegExp(wanted.source, wanted.flags).test(name);
  };
  const describe = (q) => `${q.role}${q.name === undefined ? '' : ' "' + (q.name.source || q.name) + '"'}`;
  const search = (q) => {
    let scope = document;
    if (q.within) {
      scope = search(q.within);
      if (!scope) return null;
    }
    const found = [...scope.querySelectorAll('*')].filter((el) => {
      const role = roleOf(el);
      return role === q.role && !isHidden(el) && nameMatches(nameOf(el, role), q.name);
    });
    if (found.length > 1) throw new Error(`${found.length} elements match ${describe(q)}`);
    return found[0] || null;
  };
  return search(query);
}

// The element once a click on its centre would reach it: in view (scrolled
// to the middle when it is not), not moved since the last call, not
// animating, and not covered by anything else. Otherwise null, so the caller
// tries again.
export function whenClickable(el) {
  if (!el) return null;
  let rect = el.getBoundingClientRect();
  const inView = rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth;
  if (!inView) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    rect = el.getBoundingClientRect();
  }
  const where = [rect.x, rect.y, rect.width, rect.height].join(',');
  const moved = el.__roleQueryRect !== where;
  el.__roleQueryRect = where;
  if (moved) return null;
  const animating = document.getAnimations().some((animation) =>
    animation.playState === 'running' && animation.effect && animation.effect.target &&
    animation.effect.target.contains(el));
  if (animating) return null;
  const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
  return hit && (hit === el || el.contains(hit)) ? el : null;
}
