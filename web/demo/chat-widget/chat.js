// A stand-in for a chat provider's widget (the demo's "chat" service). Kjeks
// runs it only once the visitor has consented to the chat, for example by
// clicking the page's own "Start chat" button (data-kjeks-load="chat"). It
// remembers the conversation in localStorage under nl_chat, as the config's
// cookie declaration says.
(function () {
  var box = document.getElementById('chat-box');
  if (!box) return;
  var english = document.documentElement.lang === 'en';
  var id = localStorage.getItem('nl_chat');
  if (!id) {
    id = Math.random().toString(16).slice(2, 10);
    localStorage.setItem('nl_chat', id);
  }
  var title = document.createElement('h3');
  title.textContent = english ? 'Chat with NordLeads' : 'Chat med NordLeads';
  var log = document.createElement('p');
  log.className = 'chat-message';
  log.textContent = english ? 'Hi! How can we help you?' : 'Hei! Hva kan vi hjelpe deg med?';
  var label = document.createElement('label');
  label.textContent = english ? 'Your message' : 'Din melding';
  var input = document.createElement('input');
  input.type = 'text';
  input.id = 'chat-input';
  label.htmlFor = 'chat-input';
  box.replaceChildren(title, log, label, input);
  box.hidden = false;
  box.setAttribute('data-chat', 'running');
  var start = document.querySelector('[data-kjeks-load="chat"]');
  if (start) start.hidden = true;
})();
