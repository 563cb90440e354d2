import type { ServerModule } from '@pams/server-core';
import { CurrencyRate } from './entities/currency-rate.entity.js';
import { Industry } from './entities/industry.entity.js';
import { Product } from './entities/product.entity.js';
import { SalesRep } from './entities/sales-rep.entity.js';
import { UseCase } from './entities/use-case.entity.js';
import { ReferenceEditResolver } from './graphql/edit/reference-edit.resolver.js';
import { ReferenceResolver } from './graphql/reference.resolver.js';

export const referenceModule: ServerModule = {
  name: 'reference',
  entities: [Industry, UseCase, Product, SalesRep, CurrencyRate],
  resolvers: [ReferenceResolver, ReferenceEditResolver],
};
