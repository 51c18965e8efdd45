if(typeof module==='object'&&module.exports)module.exports=NetreadyModule;
