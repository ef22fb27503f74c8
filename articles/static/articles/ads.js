/* Bait for articles/adblock.js. Ad blockers refuse files with names like
   this one; if it runs, nothing is blocking ads on this page. Served from
   our own static files: no third party is ever asked for anything. */
window.newsroomAdsLoaded = true;
