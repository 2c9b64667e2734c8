// Building the console's DOM from data without ever parsing it as HTML: every string becomes a
// text node or an attribute value, so a report cannot inject markup or script.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

// Moves focus to a heading so that a screen reader announces the new view.
export function announce(heading) {
  heading.tabIndex = -1;
  heading.focus();
}
