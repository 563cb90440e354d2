export * from './entities/industry.entity.js';
export * from './entities/use-case.entity.js';
export * from './entities/product.entity.js';
export * from './entities/sales-rep.entity.js';
export * from './entities/currency-rate.entity.js';
export * from './reference.module.js';
