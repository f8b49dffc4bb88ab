/**
 * `<prefix>/button.js` (spec/packetera.md §8), served as is. One function expression run at once:
 * it defines no global and, on every execution, handles only the `script[data-button]` tags whose
 * `src` ends in `/button.js` and that carry no `data-pk-rendered` yet (set first, so a second copy
 * of the script, or a re-run, renders nothing twice). Each tag's button JSON is read from the tag's
 * own `src` (`button.js` → `button/<GUID>.json`); the link goes just before the tag; a click opens
 * the teleform in a window of the button's size and, when the window opened, stays on the page. A
 * 404 (or any failure) renders nothing.
 */
export const BUTTON_SCRIPT = `(function () {
  'use strict';
  var tags = document.querySelectorAll('script[data-button]');
  for (var i = 0; i < tags.length; i++) {
    var tag = tags[i];
    var src = tag.src || '';
    if (!/\\/button\\.js$/.test(src) || tag.hasAttribute('data-pk-rendered')) continue;
    tag.setAttribute('data-pk-rendered', '');
    load(tag, src);
  }
  function load(tag, src) {
    var guid = tag.getAttribute('data-button') || '';
    var url = src.replace(/button\\.js$/, 'button/' + encodeURIComponent(guid) + '.json');
    if (typeof fetch !== 'function') return;
    fetch(url, { credentials: 'omit' }).then(function (res) {
      return res.ok ? res.json() : null;
    }).then(function (b) {
      if (b && tag.parentNode) tag.parentNode.insertBefore(button(b), tag);
    }).catch(function () {});
  }
  function button(b) {
    var a = document.createElement('a');
    a.className = 'pk-callback-button';
    a.href = b.teleformUrl;
    a.target = '_blank';
    a.title = b.toolTip;
    if (b.type === 2 && b.imageUrl) {
      var img = document.createElement('img');
      img.src = b.imageUrl;
      img.alt = b.linkText;
      img.style.border = '0';
      a.appendChild(img);
    } else {
      a.textContent = b.linkText;
    }
    a.addEventListener('click', function (e) {
      var w = window.open(b.teleformUrl, 'pk_' + b.button, 'width=' + b.width + ',height=' + b.height + ',resizable=yes,scrollbars=yes');
      if (w) e.preventDefault();
    });
    return a;
  }
})();
`
