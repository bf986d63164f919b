// The "Was this page useful?" form: without JavaScript it posts to the council's address, or
// opens an email, and the browser asks for a Yes or No itself. With JavaScript, a missing answer
// is shown in words beside the question (and focus goes there), and the email gets the page's
// title and address and the comment in its text.
(function () {
  "use strict";
  var form = document.querySelector("form[data-feedback]");
  if (!form) return;
  var error = document.getElementById("feedback-error");
  var radios = form.querySelectorAll('input[type="radio"]');
  form.noValidate = true;
  function chosen() {
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i];
    return null;
  }
  function clearError() {
    error.hidden = true;
    for (var i = 0; i < radios.length; i++) radios[i].removeAttribute("aria-invalid");
  }
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", clearError);
  form.addEventListener("submit", function (event) {
    var answer = chosen();
    if (!answer) {
      event.preventDefault();
      error.hidden = false;
      for (var j = 0; j < radios.length; j++) radios[j].setAttribute("aria-invalid", "true");
      radios[0].focus();
      return;
    }
    if (form.getAttribute("data-feedback") !== "mail") return;
    event.preventDefault();
    var comment = form.querySelector("textarea").value;
    var subject = form.getAttribute("data-subject") + " " + answer.getAttribute("data-answer") + ": " + form.getAttribute("data-title");
    var body = form.getAttribute("data-url") + "\n\n" + comment;
    var href = form.getAttribute("action") + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
    form.setAttribute("data-mailto", href);
    window.location.href = href;
  });
})();
