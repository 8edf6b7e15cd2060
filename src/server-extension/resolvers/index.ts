export {DistributionReconciliationResolver} from './distributionReconciliation'
