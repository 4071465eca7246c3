// The console's dialogs: a button with data-opens="<dialog id>" opens it as a modal (focus moves into it, Escape
// closes it); a button with data-closes closes the dialog it is in. Everything else is plain links and forms.
document.addEventListener('click', (event) => {
  const opener = event.target.closest('[data-opens]');
  if (opener) {
    const dialog = document.getElementById(opener.dataset.opens);
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
    return;
  }
  const closer = event.target.closest('[data-closes]');
  if (closer) {
    closer.closest('dialog')?.close();
  }
});
