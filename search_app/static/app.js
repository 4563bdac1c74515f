// vanban site script (served from 'self'; CSP forbids inline script).
// 1. Upload jobs: poll /api/jobs/<id> and update the progress bar until the job is done.
// 2. Upload form: refuse files above the size limit before sending them.
(function () {
  "use strict";

  function updateJob(li, job) {
    var bar = li.querySelector("progress");
    if (bar) { bar.value = job.progress; bar.textContent = job.progress + "%"; }
    li.className = "job status-" + job.status;
    var st = li.querySelector(".job-status");
    if (st) { st.textContent = job.status_label; }
    var reason = li.querySelector(".job-reason");
    if (reason) { reason.textContent = job.reason || ""; }
    var link = li.querySelector(".job-link");
    if (link && job.url) { link.href = job.url; link.hidden = false; }
  }

  function poll(li) {
    var url = li.getAttribute("data-status-url");
    if (!url || /status-(ingested|skipped|failed)/.test(li.className)) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        updateJob(li, job);
        if (!job.done) { setTimeout(function () { poll(li); }, 700); }
      })
      .catch(function () { setTimeout(function () { poll(li); }, 2000); });
  }

  function initUpload() {
    var form = document.getElementById("upload-form");
    if (!form) { return; }
    var max = parseInt(form.getAttribute("data-max-bytes"), 10);
    var msg = form.querySelector(".client-error");
    form.addEventListener("submit", function (ev) {
      var input = form.querySelector("input[type=file]");
      var files = input ? input.files : [];
      for (var i = 0; i < files.length; i++) {
        if (max && files[i].size > max) {
          ev.preventDefault();
          if (msg) { msg.textContent = "Tệp “" + files[i].name + "” quá lớn."; msg.hidden = false; }
          return;
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var jobs = document.querySelectorAll("li.job[data-status-url]");
    for (var i = 0; i < jobs.length; i++) { poll(jobs[i]); }
    initUpload();
  });
})();
