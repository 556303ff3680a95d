"""Development data: the demo community (``devdata.demo``) and the load-test generator
(``devdata.loadgen``). It sits above every app (it writes through their actions and models); no app
imports it."""
