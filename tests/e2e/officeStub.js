/* Stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the e2e test:
   no network here, and outside Office the real library resolves onReady with host null. */
(function () {
  var info = { host: null, platform: null };
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: function (callback) {
      if (callback) setTimeout(function () { callback(info); }, 0);
      return Promise.resolve(info);
    },
    actions: { associate: function () {} },
  };
  window.CustomFunctions = { associate: function () {} };
})();
