// The console's only script (the Content-Security-Policy allows no inline one): an action form with data-confirm
// asks before it is sent. Without script the form is sent as it is; the server still checks role and CSRF token.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
